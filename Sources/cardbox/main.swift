import Glibc

exit(CardboxCLI.run(Array(CommandLine.arguments.dropFirst())))
