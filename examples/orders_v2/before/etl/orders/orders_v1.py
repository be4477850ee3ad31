"""orders_v1: one row per order line, amounts in the order's own currency."""


def transform(order_lines):
    for line in order_lines:
        yield {
            "order_id": line["order_id"],
            "line_no": line["line_no"],
            "customer_id": line["customer_id"],
            "amount": line["quantity"] * line["unit_price"],
            "currency": line["currency"],
        }
