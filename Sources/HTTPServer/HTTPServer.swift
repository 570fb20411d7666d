/// The HTTP/1.1 and WebSocket server (being built).
public enum HTTPServerModule {}
