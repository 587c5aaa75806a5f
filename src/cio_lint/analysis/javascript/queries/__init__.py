"""The JavaScript/TypeScript answers to each family of the analysis interface."""
