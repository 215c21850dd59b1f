import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check: GETs the liveness probe on the port the application
 * listens on (MANAGEMENT_SERVER_PORT, else SERVER_PORT, else 8080) and exits 0 on a 200.
 * Plain Java on the image's own JRE: no curl or wget to install.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		String port = firstSet(System.getenv("MANAGEMENT_SERVER_PORT"), System.getenv("SERVER_PORT"), "8080");
		String basePath = firstSet(System.getenv("MANAGEMENT_ENDPOINTS_WEB_BASE_PATH"), "/actuator");
		URI uri = URI.create("http://127.0.0.1:" + port + basePath + "/health/liveness");
		try {
			HttpResponse<Void> response = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.build()
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
			System.exit((response.statusCode() == 200) ? 0 : 1);
		}
		catch (Exception ex) {
			System.out.println("health check failed: " + ex.getClass().getSimpleName() + " on " + uri);
			System.exit(1);
		}
	}

	private static String firstSet(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return null;
	}

}
