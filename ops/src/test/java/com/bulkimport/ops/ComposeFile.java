package com.bulkimport.ops;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

/** docker-compose.yml as plain maps, anchors and merge keys resolved as Compose resolves them. */
@SuppressWarnings("unchecked")
final class ComposeFile {

    static final Map<String, Object> ROOT = new Yaml(new LoaderOptions()).load(Repository.read("docker-compose.yml"));

    private ComposeFile() {
    }

    static Map<String, Object> services() {
        return (Map<String, Object>) ROOT.get("services");
    }

    static Map<String, Object> service(String name) {
        return (Map<String, Object>) services().get(name);
    }

    static Map<String, Object> environment(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }

    static List<String> list(String name, String key) {
        return (List<String>) service(name).get(key);
    }

    static Map<String, Object> map(String name, String key) {
        return (Map<String, Object>) service(name).get(key);
    }
}
