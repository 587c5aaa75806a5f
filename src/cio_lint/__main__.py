"""Allow ``python -m cio_lint``."""

from cio_lint.entry import main

if __name__ == "__main__":
    main()
