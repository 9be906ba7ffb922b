"""Reports: dossiers with a citation behind every stated fact."""
