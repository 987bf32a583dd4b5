"""Article pages to article fields (pure): metadata, main text, body HTML."""
