"""How posts and campaigns did: engagement, reach, clicks, cost. No Qt here."""
