import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the suite's topics on the local broker if they are missing (idempotent).
 * Usage: java -cp 'libs/*' CreateTopics.java <bootstrap> <partitions> <topic>...
 */
void main(String[] args) throws Exception {
    var bootstrap = args[0];
    var partitions = Integer.parseInt(args[1]);
    var wanted = List.of(args).subList(2, args.length);
    try (var admin = Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
        Set<String> existing = admin.listTopics().names().get();
        var missing = wanted.stream()
                .filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, partitions, (short) 1))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        IO.println("topics ready: " + String.join(", ", wanted)
                + (missing.isEmpty() ? " (all existed)" : " (created " + missing.size() + ")"));
    }
}
