"""Allow ``python -m cio_lint``."""

from cio_lint.cli import main

if __name__ == "__main__":
    main()
