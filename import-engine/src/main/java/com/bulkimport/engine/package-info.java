/** The import engine import-api and batch-worker share, wired by EngineAutoConfiguration. */
package com.bulkimport.engine;
