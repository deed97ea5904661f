#!/usr/bin/env python
from nqtrack.cli import main

if __name__ == "__main__":
    main()
