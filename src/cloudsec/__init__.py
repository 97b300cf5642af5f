"""cloudsec: domain data, simulations, plots and widgets for the course.

Importing this package has no side effects: no styles are applied, no figures
are created and no files are read until a function asks for them.
"""

__version__ = "0.1.0"
