package com.bulkimport.api.support;

import com.bulkimport.api.ImportApiApplication;
import com.bulkimport.local.embedded.LocalInfra;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API as its main starts it, on free ports, against the shared servers, outside any test's context. */
public final class ApiInstance {

    private ApiInstance() {
    }

    /** Starts it with these properties over the shared servers' (the caller closes it). */
    public static ConfigurableApplicationContext start(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(LocalInfra.shared().springProperties());
        all.put("spring.config.name", "import-api");
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.register-shutdown-hook", "false");
        all.putAll(properties);
        List<String> args = new ArrayList<>();
        all.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(ImportApiApplication.class).run(args.toArray(String[]::new));
    }
}
