"""What screens share about the catalogue (the product picker); no screen of its own yet."""
