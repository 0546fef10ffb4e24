"""A statistical model beside the rules: it weighs all the evidence in a text at once."""
