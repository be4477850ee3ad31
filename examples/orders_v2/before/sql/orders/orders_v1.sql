CREATE TABLE IF NOT EXISTS orders_v1 (
    order_id     BIGINT       NOT NULL,
    line_no      INTEGER      NOT NULL,
    customer_id  BIGINT       NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE OR REPLACE VIEW orders AS SELECT * FROM orders_v1;
