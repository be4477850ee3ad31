-- 0041: orders_v1 table and the orders view BI reads.
\i sql/orders/orders_v1.sql
