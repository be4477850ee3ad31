CREATE TABLE IF NOT EXISTS orders_v2 (
    order_id     BIGINT        NOT NULL,
    line_no      INTEGER       NOT NULL,
    customer_id  BIGINT        NOT NULL,
    amount       NUMERIC(18,2) NOT NULL,
    currency     CHAR(3)       NOT NULL,
    amount_eur   NUMERIC(18,2) NOT NULL,
    attribution  TEXT,
    PRIMARY KEY (order_id, line_no)
);
