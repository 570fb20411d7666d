import Platform

CurrentProcess.exit(CardboxCLI.run(Array(CommandLine.arguments.dropFirst())))
