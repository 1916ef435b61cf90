"""The encrypted database (数据库加密): SQLCipher with a random key, opened by each account's password.

``keys.py``   the key file beside the database (``<db>.keys``): one slot per account and one for the
              recovery key, each holding the database key wrapped by a key derived from a password;
              also what the sign-in window shows before the database opens (room name, set-up done).
``cipher.py`` SQLCipher connections, the engine's creator, checks and copies of encrypted files.
``convert.py`` an existing plain file turned into an encrypted one, with nothing lost on the way.
``recovery.py`` the recovery key (恢复密钥): made, formatted, typed back.
"""
