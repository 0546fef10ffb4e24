"""Keeping the clinic's data safe: one-file backups, restoring them into a new database with a
check that nothing is missing, and an export of posts and results a clinic can take elsewhere.

Every table is copied generically (whatever tables the schema has, the backup has), so tables
added by later versions, such as the audit chain, are kept without changes here.
"""
