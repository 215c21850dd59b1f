import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A steady webhook load that keeps every request's latency, for bench/reconcile.sh: wrk reports
 * percentiles per run only, and comparing windows of one continuous load (alone, during a
 * reconciliation) needs each request's time. Run with the JDK's source launcher:
 *
 * <pre>
 * java bench/WebhookLoad.java URL BODIES CONNECTIONS PAUSE_MS OUT
 * </pre>
 *
 * BODIES holds "&lt;hex signature&gt;\t&lt;body&gt;" lines (as for bench/sync.lua). Each of
 * CONNECTIONS senders POSTs a random body, then pauses a random time of mean PAUSE_MS
 * (exponential: independent senders, as Open edX instances are), until the process is stopped
 * (SIGTERM). OUT gets a line per request: the epoch millisecond it was sent, its latency in
 * microseconds (to the last byte of the answer) and the status (0 when it failed).
 */
public final class WebhookLoad {

	public static void main(String[] args) throws Exception {
		URI url = URI.create(args[0]);
		List<String> lines = Files.readAllLines(Path.of(args[1]));
		int connections = Integer.parseInt(args[2]);
		double pauseMillis = Double.parseDouble(args[3]);
		ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
		PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[4])));
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			drain(done, out);
			out.close();
		}));
		for (int i = 0; i < connections; i++) {
			Random random = new Random(7919L * (i + 1) + System.nanoTime());
			Thread sender = new Thread(() -> send(client, url, lines, pauseMillis, random, done), "sender-" + i);
			sender.setDaemon(true);
			sender.start();
		}
		while (true) {
			Thread.sleep(1000);
			drain(done, out);
		}
	}

	private static void send(HttpClient client, URI url, List<String> lines, double pauseMillis, Random random,
			ConcurrentLinkedQueue<String> done) {
		while (true) {
			try {
				Thread.sleep((long) (-pauseMillis * Math.log(1 - random.nextDouble())));
			}
			catch (InterruptedException ex) {
				return;
			}
			String line = lines.get(random.nextInt(lines.size()));
			int tab = line.indexOf('\t');
			HttpRequest request = HttpRequest.newBuilder(url)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", "SIG-HMAC-SHA256 " + line.substring(0, tab))
				.POST(HttpRequest.BodyPublishers.ofString(line.substring(tab + 1)))
				.build();
			long sent = System.currentTimeMillis();
			long start = System.nanoTime();
			int status;
			try {
				status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				status = 0;
			}
			catch (InterruptedException ex) {
				return;
			}
			done.add(sent + " " + (System.nanoTime() - start) / 1000 + " " + status);
		}
	}

	private static synchronized void drain(ConcurrentLinkedQueue<String> done, PrintWriter out) {
		for (String line = done.poll(); line != null; line = done.poll()) {
			out.println(line);
		}
		out.flush();
	}

}
