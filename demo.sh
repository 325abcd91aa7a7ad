#!/usr/bin/env bash
# The end-to-end demo (see README). Not available yet.
echo "The demo is not available yet: see README.md, section 'The demo'." >&2
exit 2
