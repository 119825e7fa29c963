from crm_lookup.main import main

main()
