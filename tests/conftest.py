"""The fixtures every test folder shares (support/fixtures.py); each folder's conftest.py adds its own."""

pytest_plugins = ["support.fixtures"]
