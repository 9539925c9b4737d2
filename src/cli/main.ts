console.log('zhiliang cli placeholder');
