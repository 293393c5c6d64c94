/** LISTEN sessions that turn PostgreSQL's notifications into wake-ups (the relay's and the webhook loop's). */
package com.bulkimport.support.notify;
