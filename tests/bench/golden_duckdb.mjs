// DuckDB's equivalent of the golden benchmark gate: count, count_distinct of
// the key, sum and null_rate grouped by one column. Usage: node golden_duckdb.mjs FILE.csv
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(`
  SELECT region, count(*) AS n, count(DISTINCT order_id) AS orders, sum(amount) AS revenue,
         avg(CASE WHEN channel IS NULL THEN 1.0 ELSE 0.0 END) AS null_rate_channel
  FROM read_csv('${file.replace(/'/g, "''")}', header = true)
  GROUP BY region ORDER BY region`);
const rows = reader.getRowObjects();
console.log(`${rows.length} groups; first: ${JSON.stringify(rows[0], (k, v) =>
  typeof v === 'bigint' ? v.toString() : v)}`);
