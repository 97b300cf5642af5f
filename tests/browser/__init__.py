"""Browser tests: the course in JupyterLab in headless Chromium."""
