-- 0042: additive orders_v2 table; the orders view moves to it.
\i sql/orders/orders_v2.sql
CREATE OR REPLACE VIEW orders AS
    SELECT order_id, line_no, customer_id, amount, currency, amount_eur, attribution FROM orders_v2;
