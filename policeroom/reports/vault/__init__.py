"""What the encrypted database prints: the recovery key sheet (恢复密钥)."""
