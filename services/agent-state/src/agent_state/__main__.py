from agent_state.main import main

main()
