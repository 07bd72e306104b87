package org.fhirlakehouse.fhirserver;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A HAPI FHIR R4 JPA server on H2, the FHIR API at /fhir. For tests and local use, not production. */
@SpringBootApplication
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class, JpaSetup.class,
  ThreadPoolFactoryConfig.class, SubscriptionChannelConfig.class, RestServerSetup.class, Batch2Interval.class})
public class FhirServerApplication {

  public static void main(String[] args) {
    if (Boolean.getBoolean("fhir-server.exit-with-stdin")) exitWhenStdinCloses();
    SpringApplication.run(FhirServerApplication.class, args);
  }

  /**
   * Exits when standard input closes, that is when the process that started the server ends, even by SIGKILL: the
   * server is never left running behind a test run or `npm run fhir-server` (scripts/exit-with-parent.cjs for Node).
   */
  private static void exitWhenStdinCloses() {
    Thread watch =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // the parent writes nothing; read until end of stream
                }
              } catch (IOException e) {
                // a broken pipe is the same signal
              }
              System.exit(0);
            },
            "exit-with-stdin");
    watch.setDaemon(true);
    watch.start();
  }

  @Bean
  public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
    ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
