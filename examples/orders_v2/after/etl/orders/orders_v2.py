"""orders_v2: orders_v1 plus amount_eur and the marketing attribution.

Attribution joins on (order_id) only: one order has one attribution row.
Joining on customer_id would multiply order lines for customers with several
campaigns, which BI would count twice.
"""

from etl.orders.currency import to_eur


def transform(order_lines, attributions, rates):
    by_order = {a["order_id"]: a for a in attributions}
    for line in order_lines:
        attribution = by_order.get(line["order_id"], {})
        amount = line["quantity"] * line["unit_price"]
        yield {
            "order_id": line["order_id"],
            "line_no": line["line_no"],
            "customer_id": line["customer_id"],
            "amount": amount,
            "currency": line["currency"],
            "amount_eur": to_eur(amount, line["currency"], rates),
            "attribution": attribution.get("channel"),
        }
