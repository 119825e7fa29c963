"""What crm-lookup does: look callers up, owe and deliver screen pops, keep the interaction
history, administer customers; over the ports in ports.py."""
