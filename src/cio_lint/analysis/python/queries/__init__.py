"""The Python frontend's answers to the analysis interface, one module per family."""
