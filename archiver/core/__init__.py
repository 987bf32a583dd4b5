"""Pure building blocks every part uses: dates, text, HTML parsing and sanitizing, encodings."""
