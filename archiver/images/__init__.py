"""Image pixel work (pure): decode, check, resize, encode."""
