"""What crm-lookup knows: customers and their fields' rules, who a number identifies, the
interaction history built from call events, the lookups calls are owed, the CSV import.
No I/O and no clock here."""
