package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The Docker Engine API operations the docker backend needs, over the engine's Unix socket, at API
 * version {@link ApiVersion#MINIMUM} ({@code /v1.41/…} paths; Docker 20.10+, and Podman's
 * compatible API). {@link #connect} asks the engine's version once and refuses an older engine.
 *
 * <p>Every answer is outside input and read within bounds (see {@link ResponseParser} and {@link
 * EngineJson}). Every non-2xx answer becomes a {@link DockerEngineException} naming the method,
 * path, status and the engine's {@code message}, and what to do. Each call opens its own
 * connection, so an instance is immutable and safe for any number of threads; a blocking call
 * ({@link #waitContainer}, a followed {@link #logs}) ends with an exception when its thread is
 * interrupted.
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerApi {

  /** The most of an error answer's body read for its message. */
  private static final int MAX_ERROR_BYTES = 64 * 1024;

  private final UnixSocketTransport transport;
  private final EngineVersion version;
  private final ApiPaths paths;

  private DockerApi(UnixSocketTransport transport, EngineVersion version) {
    this.transport = transport;
    this.version = version;
    this.paths = new ApiPaths(ApiVersion.MINIMUM);
  }

  /**
   * A client of the engine at {@code host}, after {@code GET /version} showed that it speaks API
   * {@link ApiVersion#MINIMUM}.
   *
   * @throws DockerEngineException if the engine cannot be reached, or speaks only an older (or only
   *     a newer) API, naming its versions and the one needed
   */
  public static DockerApi connect(DockerHost host) throws IOException {
    Objects.requireNonNull(host, "host must not be null");
    UnixSocketTransport transport = new UnixSocketTransport(host);
    JsonNode answer = new Caller(transport).json("GET", "/version", null, "check the engine");
    EngineVersion version;
    try {
      String api = EngineJson.text(answer, "ApiVersion");
      String min = EngineJson.text(answer, "MinAPIVersion");
      version =
          new EngineVersion(
              EngineJson.text(answer, "Version"),
              ApiVersion.parse(api),
              min.isEmpty() ? ApiVersion.parse(api) : ApiVersion.parse(min));
    } catch (IllegalArgumentException e) {
      throw new DockerEngineException(
          "The Docker engine at "
              + host
              + " answered GET /version without a valid ApiVersion: "
              + e.getMessage()
              + "; check that the socket belongs to a Docker or Podman engine");
    }
    if (!version.speaksMinimum()) {
      throw new DockerEngineException(
          "The Docker engine at "
              + host
              + " (version "
              + version.version()
              + ") speaks API "
              + version.minApiVersion()
              + " to "
              + version.apiVersion()
              + ", and ContainerMatrix needs API "
              + ApiVersion.MINIMUM
              + " (Docker 20.10 or later, or Podman 3 or later): upgrade the engine, or use"
              + " containermatrix.backend=native");
    }
    return new DockerApi(transport, version);
  }

  /** The engine this client talks to. */
  public DockerHost host() {
    return transport.host();
  }

  /** What the engine said of its version when this client connected. */
  public EngineVersion version() {
    return version;
  }

  /** {@code GET /_ping}: returns normally if the engine answers {@code OK}. */
  public void ping() throws IOException {
    String target = paths.of("/_ping");
    try (UnixSocketTransport.Exchange exchange = caller().call("GET", target, null, "check it")) {
      String body =
          new String(
              EngineJson.readBounded(exchange.body(), 64, "GET " + target),
              StandardCharsets.US_ASCII);
      if (!body.strip().equals("OK")) {
        throw new DockerEngineException(
            "The Docker engine answered GET "
                + target
                + " with \""
                + ResponseParser.abbreviate(body)
                + "\", not OK: check that the socket belongs to a Docker or Podman engine");
      }
    }
  }

  /**
   * {@code POST /containers/create}: creates a container from {@code config} (the API's container
   * config with its {@code HostConfig}) and returns its id.
   *
   * @param name the container's name, or {@code null} to let the engine choose one
   */
  public String createContainer(@Nullable String name, ObjectNode config) throws IOException {
    Objects.requireNonNull(config, "config must not be null");
    String target =
        paths.of(
            "/containers/create"
                + (name == null ? "" : "?name=" + ApiPaths.query(ApiPaths.checkContainer(name))));
    JsonNode answer =
        caller()
            .json(
                "POST",
                target,
                new RequestBody.Json(EngineJson.MAPPER.writeValueAsBytes(config)),
                "check the container's config: is its image in the engine (docker image ls)?"
                    + " is its name free (docker ps -a)?");
    return id(answer, "Id", "POST " + target);
  }

  /** {@code POST /containers/{id}/start}; starting a running container is no error. */
  public void startContainer(String id) throws IOException {
    caller()
        .noContent(
            "POST",
            paths.container(id, "/start"),
            null,
            "see the engine's message; docker logs " + id + " may say more");
  }

  /**
   * {@code POST /containers/{id}/attach?stream=1&stdin=1&stdout=1&stderr=1}: a connection to the
   * container's stdin, stdout and stderr, to be made before it starts so that nothing it writes is
   * missed. The container must have been created with {@code OpenStdin} and the three {@code
   * Attach…} flags.
   */
  Attachment attach(String id, boolean tty) throws IOException {
    String target = paths.container(id, "/attach?stream=1&stdin=1&stdout=1&stderr=1");
    UnixSocketTransport.Exchange exchange = transport.upgrade("POST", target);
    ResponseHead head = exchange.head();
    if (head.status() != 101 && !head.successful()) {
      try (exchange) {
        throw caller()
            .refused(
                "POST", target, head.status(), exchange.body(), "check that the container exists");
      }
    }
    return new Attachment(exchange, multiplexed(head, tty));
  }

  /** {@code GET /info}: the engine's host, by name and operating system. */
  EngineInfo info() throws IOException {
    JsonNode answer = caller().json("GET", paths.of("/info"), null, "check the engine's log");
    return new EngineInfo(
        EngineJson.text(answer, "Name"), EngineJson.text(answer, "OperatingSystem"));
  }

  /**
   * {@code POST /containers/{id}/wait}: blocks until the container stops, and returns its exit
   * code.
   */
  public int waitContainer(String id) throws IOException {
    String target = paths.container(id, "/wait?condition=not-running");
    JsonNode answer = caller().json("POST", target, null, "check that the container exists");
    String error = EngineJson.text(answer.path("Error"), "Message");
    if (!error.isEmpty()) {
      throw new DockerEngineException(
          "The Docker engine could not wait for container "
              + id
              + " (POST "
              + target
              + "): "
              + ResponseParser.abbreviate(error)
              + "; inspect it with docker inspect "
              + id,
          0,
          error,
          null);
    }
    JsonNode code = answer.path("StatusCode");
    if (!code.canConvertToInt()) {
      throw new DockerEngineException(
          "The Docker engine answered POST "
              + target
              + " without an integer StatusCode: check that the socket belongs to a Docker or"
              + " Podman engine");
    }
    return code.asInt();
  }

  /** {@code GET /containers/{id}/json}: the container's state. */
  public ContainerState inspectContainer(String id) throws IOException {
    String target = paths.container(id, "/json");
    JsonNode answer = caller().json("GET", target, null, "check that the container exists");
    JsonNode state = answer.path("State");
    long pid = state.path("Pid").asLong(0);
    return new ContainerState(
        id(answer, "Id", "GET " + target),
        EngineJson.text(state, "Status"),
        state.path("Running").asBoolean(false),
        state.path("OOMKilled").asBoolean(false),
        state.path("ExitCode").asInt(0),
        pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(),
        EngineJson.text(state, "Error"));
  }

  /**
   * {@code POST /containers/{id}/kill}: sends {@code signal} ({@code KILL}, {@code TERM}, …) to its
   * main process.
   *
   * @return false if the container was not running (the engine's 409), true if signalled
   */
  public boolean killContainer(String id, String signal) throws IOException {
    if (!signal.matches("[A-Z0-9+]{1,16}")) {
      throw new IllegalArgumentException(
          "A signal is a name such as KILL or TERM, or a number; was \"" + signal + "\"");
    }
    try {
      caller()
          .noContent(
              "POST",
              paths.container(id, "/kill?signal=" + signal),
              null,
              "check that the container exists");
      return true;
    } catch (DockerEngineException e) {
      if (e.status().orElse(0) == 409) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code DELETE /containers/{id}?force=true&v=true}: removes the container, killing it if it
   * runs, with its anonymous volumes.
   *
   * @return false if there was no such container
   */
  public boolean removeContainer(String id) throws IOException {
    try {
      caller()
          .noContent(
              "DELETE",
              paths.container(id, "?force=true&v=true"),
              null,
              "try again; docker rm -f " + id + " says the same");
      return true;
    } catch (DockerEngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code PUT /containers/{id}/archive?path=…}: unpacks the tar stream {@code tar} (read to its
   * end, not closed) into the container's directory {@code path}, which must exist.
   */
  public void putArchive(String id, String path, InputStream tar) throws IOException {
    caller()
        .noContent(
            "PUT",
            paths.container(id, "/archive?path=" + ApiPaths.query(absolute(path))),
            new RequestBody.Stream("application/x-tar", tar),
            "check that the container exists and that " + path + " is a directory in it");
  }

  /**
   * {@code GET /containers/{id}/archive?path=…}: writes a tar of the container's file or directory
   * {@code path} to {@code tar} (not closed).
   */
  public void getArchive(String id, String path, OutputStream tar) throws IOException {
    try (UnixSocketTransport.Exchange exchange =
        caller()
            .call(
                "GET",
                paths.container(id, "/archive?path=" + ApiPaths.query(absolute(path))),
                null,
                "check that the container exists and has " + path)) {
      exchange.body().transferTo(tar);
    }
  }

  /**
   * {@code GET /containers/{id}/logs}: copies the container's stdout and stderr to the two streams
   * (flushed, not closed) until the end of the log, or, with {@code follow}, until the container
   * stops.
   *
   * @param tty whether the container was created with a TTY (its log is one raw stream, all copied
   *     to {@code stdout}); without one the engine multiplexes the two streams
   */
  public void logs(String id, boolean follow, boolean tty, OutputStream stdout, OutputStream stderr)
      throws IOException {
    String target = paths.container(id, "/logs?stdout=true&stderr=true&follow=" + follow);
    try (UnixSocketTransport.Exchange exchange =
        caller().call("GET", target, null, "check that the container exists")) {
      StreamDemultiplexer.copy(exchange.body(), multiplexed(exchange.head(), tty), stdout, stderr);
    }
  }

  /** Engines from API 1.42 say which stream they send; older ones leave it to the TTY setting. */
  private static boolean multiplexed(ResponseHead head, boolean tty) throws IOException {
    String type = head.header("Content-Type").orElse("");
    if (type.startsWith("application/vnd.docker.multiplexed-stream")) {
      return true;
    }
    return !tty;
  }

  /**
   * {@code POST /images/load?quiet=true}: loads the images of a {@code docker save} tar stream
   * (read to its end, not closed), and returns what the engine says it loaded ({@code name:tag}, or
   * {@code sha256:…} for an untagged image).
   */
  public List<String> loadImage(InputStream tar) throws IOException {
    String target = paths.of("/images/load?quiet=true");
    List<String> loaded = new ArrayList<>();
    try (UnixSocketTransport.Exchange exchange =
        caller()
            .call(
                "POST",
                target,
                new RequestBody.Stream("application/x-tar", tar),
                "check that the tar is a docker save archive")) {
      // the engine answers 200 first; a failure comes later, as an error message in the stream
      EngineJson.readStream(
          exchange.body(),
          "POST " + target,
          message -> {
            String error = EngineJson.text(message, "error");
            if (!error.isEmpty()) {
              throw new DockerEngineException(
                  "The Docker engine failed to load an image (POST "
                      + target
                      + "): "
                      + ResponseParser.abbreviate(error)
                      + "; check that the tar is a complete docker save archive",
                  200,
                  error,
                  null);
            }
            for (String line : EngineJson.text(message, "stream").split("\n")) {
              for (String prefix : List.of("Loaded image: ", "Loaded image ID: ")) {
                if (line.startsWith(prefix)) {
                  loaded.add(line.substring(prefix.length()).strip());
                }
              }
            }
          });
    }
    return loaded;
  }

  /** {@code GET /images/{name}/json}: the image's id, names, labels and creation time. */
  public ImageDetails inspectImage(String name) throws IOException {
    String target = paths.image(name, "/json");
    JsonNode answer = caller().json("GET", target, null, "check docker image ls " + name);
    return new ImageDetails(
        id(answer, "Id", "GET " + target),
        EngineJson.strings(answer, "RepoTags"),
        EngineJson.labels(answer.path("Config").path("Labels")),
        created(answer.path("Created")));
  }

  /** {@code POST /images/{name}/tag}: names the image {@code repo:tag} too. */
  public void tagImage(String name, String repo, String tag) throws IOException {
    ApiPaths.checkImage(repo);
    if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException(
          "A tag is 1 to 128 of [A-Za-z0-9_.-], not starting with . or -; was \"" + tag + "\"");
    }
    caller()
        .noContent(
            "POST",
            paths.image(name, "/tag?repo=" + ApiPaths.query(repo) + "&tag=" + ApiPaths.query(tag)),
            null,
            "check docker image ls " + name);
  }

  /**
   * {@code DELETE /images/{name}}: removes the image (with {@code force}, even if stopped
   * containers use it or it has other names).
   *
   * @return false if there was no such image
   */
  public boolean removeImage(String name, boolean force) throws IOException {
    String target = paths.image(name, "?force=" + force);
    try (UnixSocketTransport.Exchange exchange =
        caller()
            .call(
                "DELETE",
                target,
                null,
                "a container may still use it (docker ps -a --filter ancestor=" + name + ")")) {
      EngineJson.read(exchange.body(), "DELETE " + target);
      return true;
    } catch (DockerEngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code POST /commit}: makes an image {@code repo:tag} of the container's file system, with
   * {@code labels} added to its config's, and returns the image's id.
   */
  public String commitContainer(String id, String repo, String tag, Map<String, String> labels)
      throws IOException {
    ApiPaths.checkContainer(id);
    ApiPaths.checkImage(repo);
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    ObjectNode labelNode = config.putObject("Labels");
    labels.forEach(labelNode::put);
    String target =
        paths.of(
            "/commit?container="
                + id
                + "&repo="
                + ApiPaths.query(repo)
                + "&tag="
                + ApiPaths.query(tag)
                + "&pause=false");
    JsonNode answer =
        caller()
            .json(
                "POST",
                target,
                new RequestBody.Json(EngineJson.MAPPER.writeValueAsBytes(config)),
                "check that the container exists");
    return id(answer, "Id", "POST " + target);
  }

  /**
   * {@code GET /containers/json?all=true}: every container, running or not, that has all of {@code
   * labelFilters} ({@code key} or {@code key=value}); never {@code null} but potentially empty.
   */
  public List<ContainerSummary> listContainers(List<String> labelFilters) throws IOException {
    String target = paths.of("/containers/json?all=true" + filters("&", labelFilters));
    JsonNode answer = caller().json("GET", target, null, "check the label filters");
    List<ContainerSummary> containers = new ArrayList<>();
    for (JsonNode c : array(answer, "GET " + target)) {
      containers.add(
          new ContainerSummary(
              id(c, "Id", "GET " + target),
              EngineJson.strings(c, "Names"),
              EngineJson.text(c, "Image"),
              EngineJson.text(c, "State"),
              EngineJson.labels(c.path("Labels"))));
    }
    return containers;
  }

  /**
   * {@code GET /images/json}: every image that has all of {@code labelFilters} ({@code key} or
   * {@code key=value}); never {@code null} but potentially empty.
   */
  public List<ImageDetails> listImages(List<String> labelFilters) throws IOException {
    String target = paths.of("/images/json" + filters("?", labelFilters));
    JsonNode answer = caller().json("GET", target, null, "check the label filters");
    List<ImageDetails> images = new ArrayList<>();
    for (JsonNode image : array(answer, "GET " + target)) {
      images.add(
          new ImageDetails(
              id(image, "Id", "GET " + target),
              EngineJson.strings(image, "RepoTags"),
              EngineJson.labels(image.path("Labels")),
              created(image.path("Created"))));
    }
    return images;
  }

  /**
   * An image's {@code Created}: seconds since the epoch where listed, RFC 3339 where inspected;
   * {@link Instant#EPOCH} where absent or unreadable.
   */
  private static Instant created(JsonNode created) {
    if (created.isIntegralNumber()) {
      return Instant.ofEpochSecond(created.asLong());
    }
    try {
      return created.isTextual()
          ? OffsetDateTime.parse(created.asText()).toInstant()
          : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** {@code <separator>filters={"label":[…]}}, encoded, or {@code ""} without filters. */
  private static String filters(String separator, List<String> labelFilters) throws IOException {
    if (labelFilters.isEmpty()) {
      return "";
    }
    for (String filter : labelFilters) {
      if (filter.isEmpty() || filter.startsWith("=") || filter.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "A label filter is key or key=value, was \"" + filter + "\"");
      }
    }
    ObjectNode filters = EngineJson.MAPPER.createObjectNode();
    labelFilters.forEach(filters.putArray("label")::add);
    return separator + "filters=" + ApiPaths.query(EngineJson.MAPPER.writeValueAsString(filters));
  }

  private static Iterable<JsonNode> array(JsonNode answer, String request)
      throws DockerEngineException {
    if (!answer.isArray()) {
      throw new DockerEngineException(
          "The Docker engine answered "
              + request
              + " with "
              + answer.getNodeType()
              + ", not a JSON array: check that the socket belongs to a Docker or Podman engine");
    }
    return answer;
  }

  private static String id(JsonNode answer, String field, String request)
      throws DockerEngineException {
    String id = EngineJson.text(answer, field);
    if (!id.matches("(sha256:)?[0-9a-f]{12,64}")) {
      throw new DockerEngineException(
          "The Docker engine answered "
              + request
              + " without a valid "
              + field
              + " (was \""
              + ResponseParser.abbreviate(id)
              + "\"): check that the socket belongs to a Docker or Podman engine");
    }
    return id;
  }

  private static String absolute(String path) {
    if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "A path in a container must be absolute and free of NUL, was \"" + path + "\"");
    }
    return path;
  }

  private Caller caller() {
    return new Caller(transport);
  }

  /** Sends one request and turns a non-2xx answer into a {@link DockerEngineException}. */
  private record Caller(UnixSocketTransport transport) {

    /** The exchange of a 2xx answer; the caller reads its body and closes it. */
    UnixSocketTransport.Exchange call(
        String method, String target, @Nullable RequestBody body, String advice)
        throws IOException {
      UnixSocketTransport.Exchange exchange = transport.send(method, target, body);
      ResponseHead head = exchange.head();
      if (head.successful()) {
        return exchange;
      }
      try (exchange) {
        throw refused(method, target, head.status(), exchange.body(), advice);
      }
    }

    JsonNode json(String method, String target, @Nullable RequestBody body, String advice)
        throws IOException {
      try (UnixSocketTransport.Exchange exchange = call(method, target, body, advice)) {
        return EngineJson.read(exchange.body(), method + " " + target);
      }
    }

    void noContent(String method, String target, @Nullable RequestBody body, String advice)
        throws IOException {
      try (UnixSocketTransport.Exchange exchange = call(method, target, body, advice)) {
        EngineJson.readBounded(exchange.body(), MAX_ERROR_BYTES, method + " " + target);
      }
    }

    DockerEngineException refused(
        String method, String target, int status, InputStream body, String advice) {
      String message;
      try {
        byte[] bytes = body.readNBytes(MAX_ERROR_BYTES);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        try {
          String fromJson = EngineJson.text(EngineJson.MAPPER.readTree(bytes), "message");
          message = fromJson.isEmpty() ? text : fromJson;
        } catch (IOException | RuntimeException notJson) {
          message = text;
        }
      } catch (IOException e) {
        message = "(its message could not be read: " + e.getMessage() + ")";
      }
      return new DockerEngineException(
          "The Docker engine at "
              + transport.host()
              + " refused "
              + method
              + " "
              + target
              + " with status "
              + status
              + ": "
              + (message.isEmpty() ? "(no message)" : ResponseParser.abbreviate(message))
              + "; "
              + advice,
          status,
          message,
          null);
    }
  }
}
