from ivr.main import main

main()
