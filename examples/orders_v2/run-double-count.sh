#!/usr/bin/env bash
# The orders_v2 scenario with a bad join: attribution joined on customer_id
# instead of order_id, so every line of a customer with two attributed orders
# is counted twice. The golden gate blocks it (exit 1).
# Usage: run-double-count.sh [PATH/TO/changegate] [check options...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ORDERS_V2_OUTPUT="$here/variants/double_count/orders_v2_output.csv" exec "$here/run.sh" "$@"
