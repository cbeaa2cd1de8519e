-- Writes the field outbox may send twice (issue 14): a report or problem whose answer was lost on
-- the way back is sent again under the same client-made request id. The receipt is written in the
-- write's own transaction, so either both are kept or neither: a copy finds the receipt and gets the
-- first answer back, and nothing is made twice.
CREATE TABLE request_receipts (
  request_id uuid PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id),
  -- "POST /api/problems": one request id stands for one request only.
  request text NOT NULL,
  status integer NOT NULL CHECK (status BETWEEN 200 AND 299),
  -- json, not jsonb: the copy gets the first answer as it was, keys in their order.
  answer json,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Old receipts are dropped as new ones are written: an outbox holds its entries for days, not months.
CREATE INDEX request_receipts_created_at ON request_receipts (created_at);
