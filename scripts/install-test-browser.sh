#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for tests/test_browser.py, when they are missing.
# Only as root (CI runs as root); never fails the run: without them the browser tests skip.
set -u
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "install-test-browser: chromium and chromedriver are already installed"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install-test-browser: not root, not installing chromium (the browser tests will skip)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-browser: no apt-get here, not installing chromium (the browser tests will skip)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; then
  echo "install-test-browser: installed $(chromium --version 2>/dev/null | head -n 1)"
else
  echo "install-test-browser: apt-get could not install chromium chromium-driver (the browser tests will skip)"
fi
exit 0
