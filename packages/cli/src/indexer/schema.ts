/**
 * The indexer's tables and views (issue 19, "Analytics across chains"): plain PostgreSQL, the same
 * for PGlite (the embedded default) and a server. Every row is keyed by chain and entity, so a
 * re-run upserts instead of duplicating; `chains.height` is the per-chain cursor, written in the
 * same transaction as the rows of that height. Money is integer fen (bigint), never a float.
 * No personal field has a column: the chain holds none in clear, and ids here are the chain's
 * opaque ids. `index_values` holds the operation index's records (read by state proofs, not from
 * events: index-values.ts), `index_months` their per-chain cursor (the last month read);
 * `warnings` the warning centre's records from its block-start hook events, `transfers` the chain's
 * transfers (in the chain and released out), `transfer_arrivals` a membership transferred in from
 * another chain, keyed by that chain's transfer (so `transfers_out` shows where a released member
 * arrived, whichever chain was indexed first), `hook_cursors` how much of each watched entity's
 * history the hook reading took (hooks.ts); `orgs` the organizations' public names, kinds and
 * parents from the trusted genesis document (orgs.ts: what the dashboards show a chain and an
 * organization by). New tables
 * are created on open (IF NOT EXISTS) and new columns added (ADD COLUMN IF NOT EXISTS), so an older
 * index gains them without a version change (its hook events from its cursor on).
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS djchain_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS chains (
  chain_id text PRIMARY KEY,
  suite text NOT NULL,
  height bigint NOT NULL CHECK (height >= 0),
  header_hash text NOT NULL,
  app_hash text NOT NULL,
  time_ms bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  chain_id text NOT NULL,
  height bigint NOT NULL,
  tx_index integer NOT NULL,
  event_index integer NOT NULL,
  tx_hash text NOT NULL,
  type text NOT NULL,
  entities text[] NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (chain_id, height, tx_index, event_index)
);
CREATE TABLE IF NOT EXISTS members (
  chain_id text NOT NULL,
  member text NOT NULL,
  org text NOT NULL,
  status text NOT NULL,
  status_before_suspension text,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, member)
);
ALTER TABLE members ADD COLUMN IF NOT EXISTS transfer_out text;
CREATE TABLE IF NOT EXISTS recruitment (
  chain_id text NOT NULL,
  member text NOT NULL,
  org text,
  phase text NOT NULL,
  step integer,
  action text NOT NULL,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, member)
);
CREATE TABLE IF NOT EXISTS dues_payments (
  chain_id text NOT NULL,
  payment text NOT NULL,
  member text NOT NULL,
  org text NOT NULL,
  months text[] NOT NULL,
  paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
  status text NOT NULL CHECK (status IN ('reported', 'confirmed', 'rejected', 'corrected')),
  received_on date,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, payment)
);
CREATE TABLE IF NOT EXISTS meetings (
  chain_id text NOT NULL,
  meeting text NOT NULL,
  org text NOT NULL,
  kind text NOT NULL,
  held_on date NOT NULL,
  expected integer NOT NULL,
  present integer NOT NULL,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, meeting)
);
CREATE TABLE IF NOT EXISTS index_values (
  chain_id text NOT NULL,
  org text NOT NULL,
  period text NOT NULL,
  every text NOT NULL CHECK (every IN ('month', 'quarter', 'year')),
  rules text NOT NULL,
  overall integer NOT NULL,
  level text NOT NULL,
  people integer NOT NULL,
  items integer NOT NULL,
  links integer NOT NULL,
  people_missing integer NOT NULL,
  items_missing integer NOT NULL,
  links_missing integer NOT NULL,
  closed_on date NOT NULL,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, org, period)
);
CREATE TABLE IF NOT EXISTS index_months (
  chain_id text PRIMARY KEY,
  month text NOT NULL,
  height bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS transfers (
  chain_id text NOT NULL,
  transfer text NOT NULL,
  member text NOT NULL,
  from_org text NOT NULL,
  to_org text NOT NULL,
  to_chain text,
  status text NOT NULL CHECK (status IN ('requested', 'accepted', 'refused', 'withdrawn', 'released', 'reclaimed')),
  expires_on date,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, transfer)
);
CREATE TABLE IF NOT EXISTS transfer_arrivals (
  from_chain text NOT NULL,
  transfer text NOT NULL,
  chain_id text NOT NULL,
  member text NOT NULL,
  org text NOT NULL,
  height bigint NOT NULL,
  PRIMARY KEY (from_chain, transfer, chain_id)
);
CREATE TABLE IF NOT EXISTS warnings (
  chain_id text NOT NULL,
  id text NOT NULL,
  kind text NOT NULL,
  level text NOT NULL,
  org text NOT NULL,
  member text,
  due text,
  cite text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  raised_height bigint NOT NULL,
  closed_by text,
  closed_height bigint,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, id)
);
CREATE TABLE IF NOT EXISTS hook_cursors (
  chain_id text NOT NULL,
  entity text NOT NULL,
  seen integer NOT NULL CHECK (seen >= 0),
  PRIMARY KEY (chain_id, entity)
);
CREATE TABLE IF NOT EXISTS orgs (
  chain_id text NOT NULL,
  org text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  parent text,
  height bigint NOT NULL,
  PRIMARY KEY (chain_id, org)
);
CREATE OR REPLACE VIEW members_by_status AS
  SELECT chain_id, org, status, count(*)::integer AS members
  FROM members GROUP BY chain_id, org, status;
CREATE OR REPLACE VIEW recruitment_pipeline AS
  SELECT chain_id, phase, count(*)::integer AS cases
  FROM recruitment GROUP BY chain_id, phase;
CREATE OR REPLACE VIEW dues_collected AS
  SELECT chain_id, org, to_char(received_on, 'YYYY-MM') AS month, sum(paid_fen)::bigint AS paid_fen
  FROM dues_payments WHERE status = 'confirmed'
  GROUP BY chain_id, org, to_char(received_on, 'YYYY-MM');
CREATE OR REPLACE VIEW meetings_per_quarter AS
  SELECT chain_id, org, kind, to_char(held_on, 'YYYY-"Q"Q') AS quarter, count(*)::integer AS meetings
  FROM meetings GROUP BY chain_id, org, kind, to_char(held_on, 'YYYY-"Q"Q');
CREATE OR REPLACE VIEW transfers_out AS
  SELECT m.chain_id, m.member, m.org, m.status, t.transfer, t.to_chain, t.to_org, t.expires_on, t.height,
    a.member AS arrived_member, a.height AS arrived_height
  FROM members m JOIN transfers t ON t.chain_id = m.chain_id AND t.transfer = m.transfer_out
  LEFT JOIN transfer_arrivals a ON a.from_chain = t.chain_id AND a.transfer = t.transfer
    AND a.chain_id = t.to_chain;
CREATE OR REPLACE VIEW warnings_open AS
  SELECT chain_id, org, kind, level, count(*)::integer AS warnings
  FROM warnings WHERE status = 'open' GROUP BY chain_id, org, kind, level;
`;
