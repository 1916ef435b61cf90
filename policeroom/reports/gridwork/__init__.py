"""PDFs of grid work: the monthly 网格员考核表."""
