"""Pure modules tested on saved files and strings: no crawler, no reactor."""
