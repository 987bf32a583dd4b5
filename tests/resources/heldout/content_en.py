"""English article texts for the held-out pages (invented stories, written for this set).

Blocks: ("p", text), ("h2", text), ("h3", text), ("ul"/"ol", [items]), ("quote", text),
("code", text), ("table", [[cells], ...]), ("fig", (url, caption)), ("post", (time, heading,
[paragraphs])) for live-blog entries.
"""

EN = {}

EN["bbc-ferry-strike"] = dict(
    title="Island ferry crews vote to strike over new rota",
    author="Fiona MacLeod", date="2024-05-09T07:12:44.000Z",
    body=[
        ("p", "Ferry crews serving the western isles have voted to strike for three days later this month in a dispute over new working patterns."),
        ("p", "The RMT union said 82% of members who took part in the ballot backed walkouts, on a turnout of 71%. The action would halt most sailings between the mainland and six islands from 22 May."),
        ("fig", ("https://ichef.example-bbci.co.uk/news/976/cpsprodpb/1a2b/live/ferry-pier.jpg", "The Loch Seaforth arriving at Stornoway, where sailings would be cancelled")),
        ("p", "Ferry operator Calmac said it was \"disappointed\" by the result and remained willing to meet union representatives at any time. It said the new rota was needed to cover the summer timetable without relying on overtime."),
        ("h2", "Hauliers warn of empty shelves"),
        ("p", "Island businesses said a strike at the start of the tourist season would be costly. Supermarkets on Lewis and Harris depend on daily freight sailings, and one haulier said shelves would start to empty within two days."),
        ("p", "Donald Morrison, who runs a guest house in Tarbert, said he had already taken calls from worried visitors. \"People have booked a year ahead. If the boats don't run, they don't come, and they don't come back,\" he said."),
        ("p", "The Scottish government urged both sides to return to talks. A spokesperson said ministers were in contact with the operator and the union and wanted a resolution \"as quickly as possible\"."),
    ],
)

EN["guardian-allotments"] = dict(
    title="Waiting lists for allotments hit record as councils sell off land",
    author="Tom Aldridge", date="2024-04-14T05:00:00.000Z",
    standfirst="Exclusive: More than 170,000 people are queueing for a plot, some for over a decade, as sites are lost to housing",
    body=[
        ("p", "The number of people waiting for an allotment in England has reached a record high, with some applicants told they face a wait of more than 15 years, while councils continue to sell off sites for development."),
        ("p", "Freedom of information requests sent to 320 local authorities found 174,000 people on waiting lists, up from about 90,000 a decade ago. In some London boroughs the lists have been closed entirely."),
        ("p", "Campaigners say the pandemic brought a surge of interest in growing food that has not subsided, and that the cost of living crisis has given it a new urgency."),
        ("p", "\"It used to be retired men with a shed and a flask of tea,\" said Ruth Okonjo, who chairs an allotment association in Leicester. \"Now it's young families who want their children to know where a carrot comes from, and people who simply cannot afford vegetables.\""),
        ("p", "Allotments have statutory protection, and councils need the secretary of state's consent to dispose of them. But the analysis found that 48 applications to sell or redevelop sites were approved in the past five years, while only two were refused."),
        ("p", "The Local Government Association said councils were under \"unprecedented financial pressure\" and had to weigh many competing demands on land. It said several authorities had created new plots by dividing existing ones in half."),
        ("p", "Gardeners say half-plots are better than nothing but are no substitute for new land. The National Allotment Society is calling for a legal requirement that every large housing development include growing space."),
    ],
)

EN["reuters-copper"] = dict(
    title="Copper hits two-year high as smelters agree output cuts",
    author="Julia Brennan", date="2024-04-02T10:41:00Z",
    body=[
        ("p", "LONDON, April 2 (Reuters) - Copper prices climbed to their highest in nearly two years on Tuesday after Chinese smelters agreed to cut production, tightening an already stretched market for the metal used in power and construction."),
        ("p", "Benchmark three-month copper on the London Metal Exchange was up 1.8% at $9,244 a metric ton by 1040 GMT, having earlier touched $9,280, its strongest since April 2022."),
        ("p", "A group of the country's largest smelters agreed last month to reduce output jointly after fees for processing raw material collapsed, a sign that mine supply is not keeping up with demand."),
        ("p", "\"The market is waking up to the fact that the concentrate shortage is real and it is going to show up in refined metal,\" said a metals analyst at a European bank."),
        ("p", "Stocks of copper in LME-registered warehouses have fallen by a quarter since the start of the year, while inventories monitored by the Shanghai Futures Exchange rose in the seasonal build that usually follows the Lunar New Year holiday."),
        ("p", "Aluminium rose 0.6% to $2,331 a ton, zinc gained 1.1% and nickel was little changed after Indonesia said it would speed up approvals for mining quotas."),
    ],
)

EN["ap-school-bus"] = dict(
    title="Rural districts turn to four-day school weeks as bus driver shortage drags on",
    author="Marcus Hill", date="2024-02-20T16:03:11Z",
    ld_summary=("School districts across the rural Midwest are shortening the school week to cope with a shortage "
                "of bus drivers, a change that has spread rapidly since the pandemic. Parents are divided and "
                "researchers say the effect on learning is mixed. The trend is likely to continue next year as "
                "more districts vote on calendar changes this spring."),
    body=[
        ("p", "HOLLISTER, Mo. (AP) — When the school board in this town of 4,900 voted last spring to move to a four-day week, the main reason was not money or teacher morale. It was the buses."),
        ("p", "The district had six routes and, for most of the year, four drivers. Mechanics and the transportation director took turns behind the wheel, and some children spent more than an hour on the way home as routes were doubled up."),
        ("p", "\"We were one case of the flu away from not being able to run school,\" said Superintendent Brian Wolf. Since the switch, two retired drivers have come back, saying the long weekend made the job bearable again."),
        ("p", "More than 900 districts in 26 states now use a four-day schedule, according to researchers at Oregon State University, up from about 650 before the pandemic. Most are small and rural, and most cite staffing as a reason."),
        ("p", "Studies of the effect on learning have found small declines in test scores in some states and none in others. Researchers say much depends on whether schools lengthen the remaining days and what children do on the fifth day."),
        ("p", "In Hollister, the district runs an optional Friday program for younger pupils, staffed by paraprofessionals and volunteers. About a third of families use it. Others rely on grandparents, and some parents say they have had to cut their own working hours."),
        ("p", "\"It works for us because my mom lives down the road,\" said Kayla Brooks, who has two children in elementary school. \"I know families where it doesn't work at all.\""),
    ],
)

EN["nyt-glacier-town"] = dict(
    title="A Town Built for Glacier Tourists Confronts a Future Without the Glacier",
    author="Henrik Solberg", date="2024-03-03T10:00:08.000Z",
    body=[
        ("p", "The ticket office still opens at 8 every morning, and the painted sign above it still promises a walk \"onto the ice.\" But the guided hikes that made this valley famous now begin with a 40-minute scramble over bare rock that was buried under the glacier when the sign was painted."),
        ("p", "Since 1990, the tongue of the glacier has retreated more than a mile, leaving a lake of milky meltwater where tour groups once strapped on crampons. Local guides say they move the starting point of the route every spring."),
        ("p", "For the 600 people who live in the village, the question is no longer whether the ice will disappear but what the place will be when it does."),
        ("p", "Some have already made their choice. Ingrid Haugen, whose family has run a guesthouse here for three generations, has started marketing it to cyclists and anglers. \"My grandfather sold the glacier,\" she said. \"I am selling the valley.\""),
        ("p", "Others are less sure. The guiding company that employs a third of the village's young people has cut its season by six weeks because the ice has become too unstable in late summer, when meltwater undercuts the surface."),
        ("p", "Scientists at the regional university expect the glacier to lose most of its remaining volume by the end of the century, even if global emissions fall quickly. Its retreat has become a fixture of school trips and climate documentaries, which has, for now, kept visitors coming."),
        ("p", "\"People want to see it before it's gone,\" said Lars Eide, a guide for 22 years. \"That is a strange thing to build a business on. Every year you are selling a smaller thing.\""),
        ("p", "The municipality has applied for national funds to build a visitor center that would tell the story of the ice even after it has gone. The plans include a viewing platform positioned where the glacier front stood in 1900."),
    ],
)

EN["medium-feature-flags"] = dict(
    title="We Deleted 400 Feature Flags. Here’s What We Learned.",
    author="Priya Natarajan", date="2024-01-17T15:22:10.512Z",
    body=[
        ("p", "Two years ago our main web application had 612 feature flags. Some were protecting half-finished work, some were kill switches for risky integrations, and a surprising number were guarding code paths that nobody on the team could explain."),
        ("p", "Last quarter we set out to remove every flag that had been fully rolled out for more than 90 days. We deleted 412. This is what the project taught us about how flags rot, and what we changed so that it does not happen again."),
        ("h3", "Flags are cheap to add and expensive to remove"),
        ("p", "Adding a flag takes a minute. Removing one means finding every call site, deciding which branch is now the truth, deleting the dead branch and its tests, and convincing a reviewer that nothing depended on the old behaviour. The asymmetry is the whole problem."),
        ("p", "We found flags whose dead branch was the only place a bug fix had been applied, flags read in three services with three different defaults, and one flag that had been renamed twice, leaving the old names checked in code that still ran in production."),
        ("h3", "What actually worked"),
        ("ol", ["Every new flag gets an owner and an expiry date, enforced by a lint rule.",
                "A weekly bot comment lists expired flags on the owning team's channel.",
                "Removing a flag is a normal ticket with an estimate, not a chore for Friday afternoons."]),
        ("p", "The expiry date did most of the work. Nobody minds being reminded about a flag they added last month; everybody resents being asked about one from three years ago."),
        ("code", "// .eslintrc.js\nrules: {\n  'flags/require-expiry': ['error', { maxDays: 120 }],\n}"),
        ("p", "We still have about 200 flags. Most are genuine operational switches, and they are documented in one place. The rest have dates on them, and the dates are not far away."),
    ],
)

EN["substack-cheese"] = dict(
    title="The economics of a village cheese",
    author="Alice Fenwick", date="2024-03-21T12:30:00+00:00",
    body=[
        ("p", "Last week I spent a morning in a cold room with Martin, who makes about forty wheels of hard cheese a week from the milk of 60 cows on a farm at the end of a single-track road. I wanted to know how a business this small survives, and the answer turned out to be: barely, and only because of a few decisions most economists would call irrational."),
        ("p", "Start with the milk. Martin could sell it to a dairy processor for around 40 pence a litre. Turned into cheese and aged for a year, the same litre earns him roughly three times as much. But the cheese needs a year of storage, turning and brushing before it earns anything, and that year has to be paid for up front."),
        ("p", "This is the part of artisan food that rarely makes the glossy magazines. A cheesemaker is, in effect, a small bank, lending money to his own future self at a rate no real bank would accept."),
        ("h2", "Why not sell younger cheese?"),
        ("p", "I asked the obvious question. Martin laughed. Younger cheese sells for less, competes with supermarket cheddar, and, in his view, tastes of very little. The aged wheels are the reason restaurants in the city call him. Without them he would just be another farm with a price problem."),
        ("p", "So he does something that looks odd on a spreadsheet: he sells about a fifth of his output at three months, at a modest price, to the village shop and a farmers' market, purely to cover the feed bill while the rest of the cheese ages."),
        ("p", "Next week I'll look at the other half of the story, which is who buys these cheeses and why the price in a London deli bears so little relation to what Martin is paid."),
    ],
)

EN["ghost-sourdough-hydration"] = dict(
    title="Notes on high-hydration dough for home ovens",
    author="Jonas Weber", date="2024-02-11T09:15:00.000+00:00",
    body=[
        ("p", "I have been baking with wetter doughs for about a year now, and the single biggest lesson is that hydration numbers from bakeries do not transfer to a home kitchen. Flour, ovens and hands are all different, and the number on the recipe is a starting point rather than a target."),
        ("fig", ("https://bread.jonasweber.net/content/images/2024/02/crumb-shot.jpg", "An open crumb at 78% hydration with a strong bread flour.")),
        ("p", "Most supermarket bread flour in Europe absorbs noticeably less water than the North American flours that many online recipes assume. At 80% hydration my dough would spread like pancake batter; at 72% it behaves the way those recipes describe."),
        ("h2", "Things that helped"),
        ("ul", ["An autolyse of at least 45 minutes before adding salt and starter.",
                "Holding back 5% of the water and adding it during the first set of folds.",
                "A cold overnight proof, which makes shaping far easier the next morning."]),
        ("p", "None of these are new ideas, but together they took my loaves from flat and sticky to something I am happy to give to friends."),
        ("p", "The oven is the other half. A heavy cast-iron pot with the lid on for the first twenty minutes traps enough steam to let the loaf expand before the crust sets. Without it, a wet dough simply does not rise as much."),
    ],
)

EN["wp-balcony-solar"] = dict(
    title="One year with a balcony solar panel: the real numbers",
    author="Greta Lindholm", date="2024-05-02T18:40:00+02:00",
    body=[
        ("p", "A year ago I bolted two 400-watt panels to the railing of our fourth-floor balcony and plugged them into a wall socket. I promised readers I would report back with the real numbers, including the disappointing ones."),
        ("p", "Over twelve months the panels produced 487 kilowatt-hours. That is roughly 17% of what our two-person flat uses in a year, and it saved us about 150 euros at our current tariff. The kit cost 620 euros including the mounting brackets."),
        ("p", "The production curve was more lopsided than I expected. June alone produced more than November, December and January combined. Our balcony faces south-west, so most of the power arrives in the afternoon, when nobody is at home on weekdays."),
        ("p", "The single best change was moving the dishwasher and washing machine to afternoon programmes with a timer. That raised the share of the panels' output we used ourselves from about half to nearly three quarters."),
        ("p", "Would I do it again? Yes, but with realistic expectations. It is not a way to get rid of the electricity bill. It is a small, quiet reduction that pays for itself in about four years and requires no work at all once it is up."),
    ],
)

EN["hugo-rust-allocator"] = dict(
    title="Why my Rust service spent 30% of its time in malloc",
    author="Sam Okoro", date="2023-12-04",
    body=[
        ("p", "A few weeks ago a colleague sent me a flame graph of one of our ingestion services with a single question: why is a third of it malloc? This post is the story of how we found out, and why the fix was two lines."),
        ("h2", "The symptom"),
        ("p", "The service parses small JSON messages from a queue, enriches them with a lookup, and writes them to a columnar store. Throughput had dropped by about 40% after an innocent-looking refactor, and the profile was dominated by allocator functions."),
        ("code", "$ perf record -g ./target/release/ingest --bench 100000\n$ perf report --no-children | head -n 5\n  31.24%  ingest  libc.so.6  [.] malloc\n  12.87%  ingest  libc.so.6  [.] free\n   6.02%  ingest  ingest     [.] serde_json::de::from_slice"),
        ("p", "The refactor had replaced a borrowed string slice with an owned String in the message struct so that it could be sent to another thread. Every message now allocated several small strings, and the default glibc allocator does not love many small allocations across threads."),
        ("h2", "The fix"),
        ("p", "We tried two things. First, swapping the global allocator for jemalloc, which recovered most of the lost throughput on its own:"),
        ("code", "#[global_allocator]\nstatic GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;"),
        ("p", "Second, going back to borrowed data where the message did not actually need to cross a thread boundary. Together they brought the service to 10% faster than before the refactor."),
        ("p", "The general lesson is boring but worth repeating: profile before guessing, and be suspicious of any change that turns borrowing into ownership in a hot loop."),
    ],
)

EN["next-ev-charging"] = dict(
    title="The charger is broken again: why public EV charging still frustrates drivers",
    author="Daniela Costa", date="2024-04-25T13:00:00.000Z",
    body=[
        ("p", "Electric car drivers have a new favourite complaint, and it is not range. It is arriving at a public charger to find it out of order, occupied by a car that finished charging an hour ago, or refusing every payment card in the glovebox."),
        ("p", "A survey of 4,000 drivers by a motoring group found that 38% had encountered a broken public charger in the past month, and one in five said they had abandoned a journey or changed their plans because of it."),
        ("p", "Operators say reliability has improved and point to new rules that require 99% uptime on rapid chargers. But the rules measure whether a charger is online, not whether a driver can actually start a session, and drivers say the two are not the same thing."),
        ("h2", "Payment is the weak point"),
        ("p", "Many failures happen not in the charger's power electronics but in the software between the card reader, the operator's servers and the car. A brief loss of mobile signal can leave a charger showing as available while it refuses to authorise anyone."),
        ("p", "Engineers say the fix is unglamorous: better connectivity, local fallbacks when the network is down, and more technicians in vans. None of it makes for a good press release, which may be why it has taken so long."),
    ],
)

EN["amp-marathon-recovery"] = dict(
    title="How long should you rest after a marathon? Coaches weigh in",
    author="Leah Ferris", date="2024-04-22T08:00:00-04:00",
    body=[
        ("p", "The finish line is behind you, the medal is on the kitchen table, and your legs feel like someone else's. The question most first-time marathoners ask next is how soon they can run again."),
        ("p", "The traditional rule of thumb is one easy day for every mile raced, which works out to nearly four weeks of reduced training. Most coaches we spoke to think that is a reasonable outer limit rather than a prescription."),
        ("fig", ("https://cdn.runnersdaily.example/img/2024/04/finish-line.jpg", "Runners cross the finish line in Boston on Monday.")),
        ("p", "\"The first week should be about walking, sleeping and eating properly,\" said Coach Dana Alvarez, who trains recreational runners in Philadelphia. \"If you want to jog on day four, fine, but keep it short and keep it slow.\""),
        ("p", "Muscle damage markers in the blood can stay elevated for a week or more after a marathon, and the immune system is measurably suppressed for a few days, which is why so many runners catch a cold after race day."),
        ("p", "By the third week, most healthy runners can return to their normal easy mileage. Hard sessions and long runs are best left until the legs stop feeling heavy on stairs, which for many people is closer to a month."),
    ],
)

EN["live-election-night"] = dict(
    title="Regional election results: live updates",
    author="Politics team", date="2024-05-05T20:00:00+01:00",
    body=[
        ("post", ("00:42", "Turnout up in the north", [
            "Early counts suggest turnout in the northern districts is running about four points higher than at the last election, with several polling stations reporting queues at closing time.",
            "Officials said ballot boxes from the island constituencies would arrive by helicopter and that no result there was expected before 4am."])),
        ("post", ("00:15", "First result declared", [
            "The first seat of the night has been declared in Easton Vale, where the incumbent held on with a reduced majority of 1,204 votes.",
            "Her share of the vote fell by six points, with most of the difference going to the Green candidate, who finished a strong second."])),
        ("post", ("23:50", "Counting under way", [
            "Counting has begun in all 42 constituencies. Party officials at the main count in the city hall are cautious, saying the postal vote could swing several close seats."])),
        ("post", ("22:01", "Polls have closed", [
            "Polling stations closed at 10pm. Anyone still in a queue at that time is entitled to vote, and election officials said they expected that to apply at a handful of stations.",
            "An exit poll will not be published for regional elections, so the first reliable picture will come from the declarations overnight."])),
    ],
)

EN["short-library-hours"] = dict(
    title="Central library extends weekend opening hours",
    author="News desk", date="2024-03-28T11:00:00+00:00",
    body=[
        ("p", "The central library will open until 8pm on Saturdays and from 11am to 5pm on Sundays from next month, the city council said."),
        ("p", "The change follows a consultation in which more than 2,000 residents asked for longer weekend hours, particularly for study space during the exam season."),
        ("p", "Branch libraries will keep their current timetables for now."),
    ],
)

EN["br-harvest-report"] = dict(
    title="County harvest report: wet spring cuts wheat yields",
    author="Ed Pritchard", date="2023-09-14",
    body=[
        ("p", "Wheat yields across the county are down by around 12 per cent on last year after one of the wettest springs on record, according to the farmers' union's annual harvest survey."),
        ("p", "Many growers were unable to get onto waterlogged fields to apply fertiliser at the right time, and some winter crops were lost altogether on heavy clay soils in the south of the county."),
        ("p", "Oilseed rape fared better, with yields close to the five-year average, although flea beetle damage was reported again on farms near the coast."),
        ("p", "The union's county chairman, Robert Hale, said prices had not risen enough to make up for the smaller crop. \"Costs are still far higher than they were three years ago. A bad year now hurts much more than it used to,\" he said."),
        ("p", "Spring barley was the one bright spot, with good quality reported for malting, and several growers said they would plant more of it next year."),
    ],
)

EN["table-league-budget"] = dict(
    title="Where the money goes: the county cricket board’s first published budget",
    author="Nadia Rahman", date="2024-03-11T09:30:00+00:00",
    body=[
        ("p", "For the first time in its 140-year history, the county cricket board has published a full breakdown of its annual budget, after pressure from member clubs who said they had no idea how their fees were spent."),
        ("p", "The figures show a board that relies heavily on a single grant from the national governing body and spends more on its professional squad than on everything else combined."),
        ("caption", "Board spending, 2023"),
        ("table", [["Item", "2023 (£)", "Share"], ["Professional squad salaries", "2,410,000", "46%"],
                   ["Ground and facilities", "980,000", "19%"], ["Youth and women's pathways", "610,000", "12%"],
                   ["Recreational clubs grants", "240,000", "5%"], ["Administration", "930,000", "18%"]]),
        ("p", "The grant for recreational clubs, which pays for things like new nets and coaching courses in village teams, is the smallest line in the budget. Several club secretaries said they had expected it to be much larger."),
        ("p", "The board's chief executive said the publication was a first step and that members would be consulted on priorities before next year's budget is set."),
    ],
    table_caption="Board spending, 2023",
    bio="Nadia Rahman covers grassroots sport and the business of cricket. She previously worked for a regional daily in the Midlands and has written two books on the history of the county game, including a history of women's cricket in the north. She plays as a wicketkeeper for a village side most Saturdays in summer and is happy to hear from club secretaries with a story to tell.",
)

EN["gallery-wildflowers"] = dict(
    title="In pictures: the roadside verges left to grow wild",
    author="Owen Pryce", date="2024-06-18T06:00:00+01:00",
    body=[
        ("p", "Three years after the county stopped mowing most rural verges before August, botanists say the results are visible from the car window. These photographs were taken along a single 12-mile stretch of road in June."),
        ("fig", ("https://static.valleyecho.example/galleries/verges/01-oxeye.jpg", "Oxeye daisies now cover long stretches of the verge near Llanfair, where the grass was cut four times a year until 2021.")),
        ("fig", ("https://static.valleyecho.example/galleries/verges/02-orchid.jpg", "A common spotted orchid. Volunteers counted more than 3,000 flowering spikes along the route this year, up from 140 in the first survey.")),
        ("fig", ("https://static.valleyecho.example/galleries/verges/03-survey.jpg", "Volunteers from the local wildlife trust record species along a fixed transect every fortnight between May and September.")),
        ("fig", ("https://static.valleyecho.example/galleries/verges/04-junction.jpg", "At junctions and bends the council still cuts a one-metre strip to keep sight lines clear for drivers.")),
        ("fig", ("https://static.valleyecho.example/galleries/verges/05-bees.jpg", "Bumblebees feeding on knapweed. Insect surveys show more pollinators on the uncut sections than on regularly mown ones.")),
        ("p", "The council says the change also saves about £90,000 a year in mowing costs, although some residents have complained that the verges look untidy in late summer."),
    ],
)

# ---- second batch: written after extract.py was tuned on the pages above, scored untuned

EN["cnn-heat-pumps"] = dict(
    title="Heat pumps are selling fast in cold countries. Here’s why",
    author="Rachel Moore", date="2024-02-06T10:15:00Z",
    body=[
        ("p", "Norway, one of the coldest countries in Europe, has more heat pumps per household than almost anywhere else on Earth. That surprises people who assume the technology only works in mild climates."),
        ("p", "Modern air-source heat pumps keep working at temperatures well below freezing, engineers say, though their efficiency falls as the air gets colder. In Norway and Finland, well-insulated homes mean a smaller pump can do the job."),
        ("p", "Cheap hydroelectric power helps too. When electricity costs less than gas or heating oil, the economics of switching become obvious, and governments in the region added generous grants a decade ago."),
        ("p", "In countries where electricity is expensive relative to gas, such as the UK and Germany, the case is harder to make, and installation costs remain high. Industry groups say training more installers is the single biggest bottleneck."),
        ("p", "Sales across Europe fell last year after two record years, as energy prices eased and some subsidy schemes were cut. Manufacturers expect growth to return as new building rules phase out fossil fuel boilers."),
    ],
)

EN["blogger-canal-walk"] = dict(
    title="Walking the old canal from Lock 12 to the aqueduct",
    author="Margaret Ellis", date="2023-10-22",
    body=[
        ("p", "We set off from the car park at Lock 12 just after nine on Saturday, with a flask of coffee and far too many sandwiches. The towpath was dry for once, and the mist was just lifting off the water."),
        ("p", "The first two miles are easy going, past the old wharf buildings and the boatyard where they are restoring a wooden narrowboat. The owner was happy to chat and told us the hull is nearly a hundred years old."),
        ("p", "After the swing bridge the path narrows and gets muddier. We saw a kingfisher twice, a flash of blue low over the water, and a heron that refused to move as we edged past it."),
        ("p", "The aqueduct itself is worth the walk. It carries the canal forty feet above the river, and standing on it you can see the whole valley. We ate our lunch on the bench at the far end and then walked back the same way."),
        ("p", "About eleven miles there and back. Good boots recommended after the swing bridge."),
    ],
)

EN["teasers-council-budget"] = dict(
    title="Council agrees budget with cuts to street lighting and libraries",
    author="Sophie Grant", date="2024-02-28T21:30:00+00:00",
    body=[
        ("p", "Councillors have approved a budget that will switch off a third of street lights after midnight and reduce opening hours at six branch libraries, as the authority tries to close a gap of £14 million."),
        ("p", "Council tax will rise by the maximum 4.99% allowed without a referendum, adding about £90 a year to a typical band D bill."),
        ("p", "The leader of the council said the authority had no choice after years of rising demand for adult social care, which now takes up more than half of its spending."),
        ("p", "Opposition members proposed using reserves to keep the libraries open for another year, but the amendment was defeated by 31 votes to 22."),
    ],
)
