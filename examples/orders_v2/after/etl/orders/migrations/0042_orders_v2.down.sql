-- Down migration for 0042: the view goes back to orders_v1; orders_v2 stays (additive).
CREATE OR REPLACE VIEW orders AS SELECT * FROM orders_v1;
