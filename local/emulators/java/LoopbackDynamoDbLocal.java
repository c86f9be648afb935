import java.util.Arrays;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts Amazon's DynamoDB Local bound to 127.0.0.1 only.
 *
 * The stock jar has no host option: it builds a Jetty server with `new Server(port)`, which listens on every
 * interface, and it refuses `-port 0`. This launcher lets the jar build its server from the usual arguments,
 * then moves the Jetty connector to loopback and to the requested port (0 = chosen by the OS) before it starts.
 * It is run by `java` in source-file mode (no build step); see ../dynamodb.ts.
 *
 * Usage: java -cp DynamoDBLocal.jar LoopbackDynamoDbLocal.java <port> [DynamoDB Local arguments...]
 * Prints one line "MINT_HUB_DYNAMODB_LOCAL_LISTENING <port>" once it listens, and exits when its stdin closes,
 * so it never outlives the Node process that started it, even if that process is killed.
 */
public class LoopbackDynamoDbLocal {
  private static final String LOOPBACK = "127.0.0.1";

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));

    Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
    serverField.setAccessible(true);
    Server server = (Server) serverField.get(proxy);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    connector.setHost(LOOPBACK);
    connector.setPort(port);

    try {
      proxy.start();
    } catch (Exception error) {
      exitCannotListen(port, rootCauseMessage(error));
    }
    // Some failures are only reported on stdout by DynamoDBProxyServer.start(), which then returns normally.
    if (!server.isStarted() || connector.getLocalPort() <= 0) {
      exitCannotListen(port, "the server did not start");
    }

    Thread stdinWatchdog = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // Input is ignored; only the end of the stream matters.
        }
        proxy.stop();
      } catch (Exception ignored) {
        // Exiting is all that is left to do.
      }
      System.exit(0);
    }, "parent-stdin-watchdog");
    stdinWatchdog.setDaemon(true);
    stdinWatchdog.start();

    System.out.println("MINT_HUB_DYNAMODB_LOCAL_LISTENING " + connector.getLocalPort());
    System.out.flush();
    proxy.join();
  }

  private static void exitCannotListen(int port, String reason) {
    System.err.println("DynamoDB Local could not listen on " + LOOPBACK + ":" + port + ": " + reason);
    System.exit(1);
  }

  private static String rootCauseMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
