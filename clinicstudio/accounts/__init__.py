"""Connected accounts: their secrets in the OS keyring, the rest in the database.

- :class:`SecretVault` keeps tokens and app passwords in the keyring (never in the database,
  a file or a log) and refuses to store them when no secure keyring exists.
- :mod:`clinicstudio.accounts.flows` connects each network (OAuth with PKCE on loopback, app
  passwords, pasted tokens), verifying the connection before saving it.
- :func:`expiring_connections` lists connections that stop working soon, for the window to warn.
"""

from clinicstudio.accounts.connections import (
    ExpiryWarning,
    account_for,
    connection_for,
    describe,
    disconnect,
    expiring_connections,
    find_connection,
    list_connections,
    save_connection,
)
from clinicstudio.accounts.vault import KeyringUnavailable, SecretMissing, SecretVault

__all__ = ["ExpiryWarning", "KeyringUnavailable", "SecretMissing", "SecretVault", "account_for",
           "connection_for", "describe", "disconnect", "expiring_connections", "find_connection",
           "list_connections", "save_connection"]
