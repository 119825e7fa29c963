from metrics.main import main

main()
