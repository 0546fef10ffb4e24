// Starts the AT Protocol's development network (PLC directory, PDS and AppView on PostgreSQL)
// on loopback for ClinicStudio's Bluesky tests, prints one JSON line with the addresses, and
// runs until its standard input closes (the test process ending) or it is sent SIGTERM.
// Environment: DB_POSTGRES_URL (required), REDIS_HOST (required by dev-env, never connected).
import { TestNetwork } from '@atproto/dev-env'

const letters = () =>
  Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')

const network = await TestNetwork.create({ dbPostgresSchema: `cs_${letters()}` })
let closing = false
const close = async () => {
  if (closing) return
  closing = true
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', close)
process.on('SIGINT', close)
process.stdin.on('end', close)
process.stdin.resume()
console.log(
  JSON.stringify({ pds: network.pds.url, appview: network.bsky.url, plc: network.plc.url }),
)
